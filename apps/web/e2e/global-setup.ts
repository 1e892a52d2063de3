import { FakeOpenAI } from '@textpulse/fake-openai';
import { builtApiServer, builtWebServer } from '@/lib/testing/built-server';

/**
 * Starts the servers under test, each on a loopback port that is certainly its own, and tells the
 * tests where (E2E_WEB_URL, E2E_API_URL, E2E_API_DOCS_URL, E2E_FAKE_URL; read by ./fixtures): a fake
 * OpenAI-compatible server in which "openai:drip" streams a word every 150 ms, the built API, and
 * the built web app. Returns the teardown that stops them.
 */
export default async function startServers(): Promise<() => Promise<void>> {
  const fake = await new FakeOpenAI({ dripMs: 150 }).start();
  const api = await builtApiServer({
    LOG_LEVEL: 'warn',
    TEXTPULSE_MODELS: 'local',
    TEXTPULSE_ALLOWED_MODELS: 'local,openai:drip',
    OPENAI_BASE_URL: fake.baseURL,
  }).start();
  // The API as people's browsers reach it: the same server under another name than the
  // server-side API_URL, so that a response carrying API_URL's address shows a leak.
  const apiDocsUrl = `http://localhost:${new URL(api.url).port}/docs`;
  const web = await builtWebServer(api.url, { API_DOCS_URL: apiDocsUrl }).start();
  process.env.E2E_WEB_URL = web.url;
  process.env.E2E_API_URL = api.url;
  process.env.E2E_API_DOCS_URL = apiDocsUrl;
  process.env.E2E_FAKE_URL = new URL(fake.baseURL).origin;
  return async () => {
    await web.stop();
    await api.stop();
    await fake.stop();
  };
}

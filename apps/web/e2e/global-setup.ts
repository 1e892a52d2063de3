import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeOpenAI } from '@textpulse/fake-openai';
import { ThrowawaySmtp } from '@textpulse/smtp';
import { builtApiServer, builtWebServer } from '@/lib/testing/built-server';

/**
 * Starts the servers under test, each on a loopback port that is certainly its own, and tells the
 * tests where (E2E_WEB_URL, E2E_API_URL, E2E_API_DOCS_URL, E2E_FAKE_URL, E2E_MAILBOX; read by
 * ./fixtures): a fake OpenAI-compatible server in which "openai:drip" streams a word every 150 ms,
 * an SMTP server that writes the API's mail to a mailbox directory, the built API, and the built
 * web app. Returns the teardown that stops them.
 */
export default async function startServers(): Promise<() => Promise<void>> {
  const fake = await new FakeOpenAI({ dripMs: 150 }).start();
  const mailbox = mkdtempSync(join(tmpdir(), 'textpulse-e2e-mailbox-'));
  const smtp = await new ThrowawaySmtp({ mailbox }).start();
  const api = await builtApiServer({
    LOG_LEVEL: 'warn',
    SMTP_URL: smtp.url,
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
  process.env.E2E_MAILBOX = mailbox;
  return async () => {
    await web.stop();
    await api.stop();
    await smtp.stop();
    rmSync(mailbox, { recursive: true, force: true });
    await fake.stop();
  };
}

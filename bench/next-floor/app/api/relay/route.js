// A bare relay: the body to the API as it came, the API's answer back as it came. What the web
// app's validated route handler does, without validation, limits, request ids or logs.
const api = `${process.env.API_URL ?? 'http://localhost:3001'}/v1/analyze`;

export async function POST(request) {
  const answer = await fetch(api, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: await request.text(),
  });
  return new Response(answer.body, {
    status: answer.status,
    headers: { 'content-type': answer.headers.get('content-type') ?? 'application/json' },
  });
}

// The floor of a Next route handler on this machine: read the JSON body, answer it back.
export async function POST(request) {
  return Response.json(await request.json());
}

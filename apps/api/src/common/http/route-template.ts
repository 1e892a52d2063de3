/** Fastify's route patterns (`/v1/analyses/:id`) as the contract's templates (`{id}`), once each. */
const templates = new Map<string, string>();

/** The route's path template as the contract and OpenAPI write it: `/v1/analyses/{id}`. */
export function routeTemplate(pattern: string): string {
  let template = templates.get(pattern);
  if (template === undefined) {
    template = pattern.replace(/:(\w+)/g, '{$1}');
    templates.set(pattern, template);
  }
  return template;
}

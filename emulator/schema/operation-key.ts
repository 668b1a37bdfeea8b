/** `/v1/accounts/:id/capabilities/:cap` → `POST /v1/accounts/{}/capabilities/{}`: path parameters lose their names. */
export function operationKey(method: string, pattern: string): string {
  return `${method} ${pattern.replace(/:[a-z_]+/g, "{}")}`;
}

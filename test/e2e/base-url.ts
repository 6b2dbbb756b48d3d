/** Where the browser journeys find the app: the server test/e2e/run.ts started. */
export const baseUrl = process.env.E2E_BASE_URL ?? "http://127.0.0.1:8787";

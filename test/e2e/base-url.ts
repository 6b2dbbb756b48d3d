/** Where the server under test answers: set by test/e2e/run.ts (and scripts/lighthouse.ts). */
export const baseUrl = process.env.E2E_BASE_URL ?? "http://127.0.0.1:8787";

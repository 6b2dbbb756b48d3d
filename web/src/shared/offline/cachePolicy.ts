/** The cache the service worker keeps the portal's last answers in (web/pwa-config.ts). */
export const SAVED_ANSWERS_CACHE = "saved-answers";

/** The header a kept answer carries, saying when it was saved; a live answer has none. */
export const SAVED_AT_HEADER = "X-Saved-At";

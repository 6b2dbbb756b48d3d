/** The languages the portal, the technician app, the tracking page and the emails are written in. */
export const locales = ["en", "es"] as const;
export type Locale = (typeof locales)[number];

/** What a tenant speaks until an admin chooses otherwise. */
export const DEFAULT_LOCALE: Locale = "en";

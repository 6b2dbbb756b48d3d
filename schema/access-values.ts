// Plain values of the access tables, importable without drizzle (the web app's access socket).

/** Why a person's access ended: what the notice on their open pages says. */
export const accessEndReasons = ["access_removed", "blocked", "signed_out"] as const;
export type AccessEndReason = (typeof accessEndReasons)[number];

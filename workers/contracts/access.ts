import { type AccessEndReason, accessEndReasons } from "../../schema/access-values";

/** Who opens an access socket, as the Worker tells the tenant's gate after checking the session. */
export const ACCESS_HEADERS = { person: "X-Access-Person", sessionHash: "X-Session-Hash" } as const;

/** The frames an access socket carries: its greeting, and the one message it exists for. */
export type AccessMessage = { type: "hello" } | { type: "access_ended"; reason: AccessEndReason };

function accessMessage(value: unknown): AccessMessage | undefined {
	if (typeof value !== "object" || value === null) return undefined;
	const { type, reason } = value as { type?: unknown; reason?: unknown };
	if (type === "hello") return { type };
	if (type === "access_ended" && accessEndReasons.some((known) => known === reason))
		return { type, reason: reason as AccessEndReason };
	return undefined;
}

/**
 * Checks an access frame the way a zod schema would (`safeParse`), without zod: every signed-in
 * page loads this after its first paint, and zod's parser is 80 kB of script (gzipped) for the
 * two frames this socket carries. Extra fields are dropped, as zod's objects drop them.
 */
export const AccessMessage = {
	safeParse(value: unknown): { success: true; data: AccessMessage } | { success: false } {
		const data = accessMessage(value);
		return data ? { success: true, data } : { success: false };
	},
};

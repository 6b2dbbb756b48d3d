import { z } from "@hono/zod-openapi";

/** Who opens an access socket, as the Worker tells the tenant's gate after checking the session. */
export const ACCESS_HEADERS = { person: "X-Access-Person", sessionHash: "X-Session-Hash" } as const;

/** The frames an access socket carries: its greeting, and the one message it exists for. */
export const AccessMessage = z.discriminatedUnion("type", [
	z.object({ type: z.literal("hello") }),
	z.object({ type: z.literal("access_ended"), reason: z.enum(["access_removed", "blocked", "signed_out"]) }),
]);
export type AccessMessage = z.infer<typeof AccessMessage>;

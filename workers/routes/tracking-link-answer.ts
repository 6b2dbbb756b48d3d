import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { requireLinkOrigin } from "../app-origin";
import { shareJob } from "../domain/live/tracking-links";
import { notFound } from "../errors";
import { requestActor } from "./actor";

/** Shares a job the signed-in person may see (see `shareJob`) and answers the link, shown once. */
export async function shareJobAnswer(
	c: Context<AppEnv>,
	jobId: string,
	mayShare?: Parameters<typeof shareJob>[3],
) {
	// No link is made that could not be handed out with the portal's own address.
	const origin = requireLinkOrigin(c);
	const link = await shareJob(c.var.db, requestActor(c), jobId, mayShare);
	if (!link) throw notFound("That job");
	return c.json(
		{
			id: link.id,
			url: `${origin}/track/${link.token}`,
			expiresAt: new Date(link.expiresAt).toISOString(),
		},
		201,
	);
}

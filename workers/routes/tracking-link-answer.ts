import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { shareJob } from "../domain/tracking-links";
import { notFound } from "../errors";
import { appOrigin } from "../origin";
import { requestActor } from "./actor";

/** Shares a job the signed-in person may see (see `shareJob`) and answers the link, shown once. */
export async function shareJobAnswer(
	c: Context<AppEnv>,
	jobId: string,
	mayShare?: Parameters<typeof shareJob>[3],
) {
	const link = await shareJob(c.var.db, requestActor(c), jobId, mayShare);
	if (!link) throw notFound("That job");
	return c.json(
		{
			id: link.id,
			url: `${appOrigin(c)}/track/${link.token}`,
			expiresAt: new Date(link.expiresAt).toISOString(),
		},
		201,
	);
}

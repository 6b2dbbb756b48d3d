import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import { createEmailSender } from "../email/sender";
import { liveChannels } from "../live/channels";

/** Puts the email sender and the live channels on `c.var`; needs `database` mounted before it. */
export const services = createMiddleware<AppEnv>(async (c, next) => {
	c.set("sendEmail", createEmailSender(c.env, c.var.db));
	c.set("live", liveChannels(c.env, c.var.db));
	await next();
});

import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import { createEmailSender } from "../email/sender";

/** Puts the email sender on `c.var.sendEmail`; needs `database` mounted before it. */
export const emailSender = createMiddleware<AppEnv>(async (c, next) => {
	c.set("sendEmail", createEmailSender(c.env, c.var.db));
	await next();
});

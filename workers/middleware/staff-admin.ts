import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import { AppError } from "../errors";

/** After `requireSession("staff")`: only a staff admin passes; a dispatcher gets 403. */
export const requireStaffAdmin = createMiddleware<AppEnv>(async (c, next) => {
	if (c.var.me.role !== "admin") {
		throw new AppError(403, "forbidden", "Only an admin can do this. Ask an admin of your team.");
	}
	await next();
});

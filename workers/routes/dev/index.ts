import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../../app-env";
import { AppError } from "../../errors";
import { createRouter } from "../router";
import { benchProbeRoutes } from "./bench-probes";
import { devOutboxRoutes } from "./outbox";
import { devPayRoutes } from "./pay";
import { soakProbeRoutes } from "./soak-probes";
import { devUiRoutes } from "./ui-page";
import { devWebhookRoutes } from "./webhooks";

/**
 * `/dev/*` exists only where ENVIRONMENT says development (`npm start`, the tests, the
 * benchmark): the outbox holds live sign-in links, the probes are benchmark baselines and the soak's evictions,
 * `/dev/ui` shows the design system's components, and `/dev/pay` is the local payment provider.
 * Anywhere else every address under it is a 404.
 */
const developmentOnly = createMiddleware<AppEnv>(async (c, next) => {
	if (c.env.ENVIRONMENT !== "development") {
		throw new AppError(404, "not_found", "There is nothing at this address.");
	}
	await next();
});

export const devRoutes = createRouter();
devRoutes.use("*", developmentOnly);
devRoutes
	.route("/", devOutboxRoutes)
	.route("/", benchProbeRoutes)
	.route("/", soakProbeRoutes)
	.route("/", devUiRoutes)
	.route("/", devPayRoutes)
	.route("/", devWebhookRoutes);

import { createRouter } from "../router";
import { tenantBrandingRoutes } from "./branding";
import { healthRoutes } from "./health";
import { mediaRoutes } from "./media";
import { paymentWebhookRoutes } from "./payment-webhooks";
import { startRoutes } from "./start";
import { trackingRoutes } from "./tracking";
import { trackingSurveyRoutes } from "./tracking-survey";
import { unsubscribeRoutes } from "./unsubscribe";

/**
 * `/api`: what needs no session — health, a tenant's branding, public images, tracking links,
 * provider webhooks, sign-up.
 */
export const publicRoutes = createRouter()
	.route("/", healthRoutes)
	.route("/", tenantBrandingRoutes)
	.route("/", mediaRoutes)
	.route("/", trackingRoutes)
	.route("/", trackingSurveyRoutes)
	.route("/", paymentWebhookRoutes)
	.route("/", startRoutes)
	.route("/", unsubscribeRoutes);

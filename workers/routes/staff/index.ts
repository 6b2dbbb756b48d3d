import { accessLiveRoutes } from "../access-live";
import { audienceRouter } from "../router";
import { signInRoutes } from "../sign-in";
import { staffAuditLogRoutes } from "./audit-log";
import { boardRoutes } from "./board";
import { staffCustomerAccessRoutes } from "./customer-access";
import { staffCustomerImportRoutes } from "./customer-imports";
import { staffCustomerRoutes } from "./customers";
import { staffEstimateRoutes } from "./estimates";
import { adminFirstRunRoutes, staffFirstRunRoutes } from "./first-run";
import { staffInboxRoutes } from "./inbox";
import { staffApiKeyRoutes, staffWebhookRoutes } from "./integrations";
import { staffInvoiceRoutes } from "./invoices";
import { staffJobChangeRoutes } from "./job-changes";
import { staffJobRoutes } from "./jobs";
import { staffLiveRoutes } from "./live";
import { staffNotificationRoutes } from "./notifications";
import { staffQuoteRequestRoutes } from "./quote-requests";
import { staffSettingsRoutes } from "./settings";
import { staffSurveyRoutes } from "./surveys";
import { staffTeamRoutes } from "./team";
import { staffTechnicianRoutes } from "./technicians";

/** `/api/d/:slug`: the dispatcher console. Every route but sign-in needs a staff session. */
export const staffRoutes = audienceRouter("staff")
	.route("/", signInRoutes("staff"))
	.route("/", accessLiveRoutes("staff"))
	.route("/", boardRoutes)
	.route("/", staffJobRoutes)
	.route("/", staffJobChangeRoutes)
	.route("/", staffNotificationRoutes)
	.route("/", staffLiveRoutes)
	.route("/", staffCustomerRoutes)
	.route("/", staffCustomerAccessRoutes)
	.route("/", staffCustomerImportRoutes)
	.route("/", staffTechnicianRoutes)
	.route("/", staffInboxRoutes)
	.route("/", staffAuditLogRoutes)
	.route("/", staffEstimateRoutes)
	.route("/", staffInvoiceRoutes)
	.route("/", staffQuoteRequestRoutes)
	.route("/", staffSurveyRoutes)
	.route("/", staffFirstRunRoutes)
	.route("/first-run", adminFirstRunRoutes)
	.route("/api-keys", staffApiKeyRoutes)
	.route("/webhooks", staffWebhookRoutes)
	.route("/settings", staffSettingsRoutes)
	.route("/staff", staffTeamRoutes);

import { customerJobNoteRoutes } from "./customer-job-notes";
import { createRouter } from "./router";
import { staffAuditLogRoutes } from "./staff-audit-log";
import { staffCustomerAccessRoutes } from "./staff-customer-access";
import { staffCustomerRoutes } from "./staff-customers";
import { staffInboxRoutes } from "./staff-inbox";
import { staffJobChangeRoutes } from "./staff-job-changes";
import { staffJobRoutes } from "./staff-jobs";
import { staffSettingsRoutes } from "./staff-settings";
import { staffTeamRoutes } from "./staff-team";
import { staffTechnicianRoutes } from "./staff-technicians";

/**
 * Every `/api/d/:slug/...` route of the dispatcher console besides the board, and the
 * customer routes whose events feed it (notes and photos on a job).
 */
export const consoleRoutes = createRouter()
	.route("/", staffJobRoutes)
	.route("/", staffJobChangeRoutes)
	.route("/", staffCustomerRoutes)
	.route("/", staffCustomerAccessRoutes)
	.route("/", staffTechnicianRoutes)
	.route("/", staffInboxRoutes)
	.route("/", staffAuditLogRoutes)
	.route("/", staffSettingsRoutes)
	.route("/", staffTeamRoutes)
	.route("/", customerJobNoteRoutes);

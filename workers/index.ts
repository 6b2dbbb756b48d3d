import { errorEnvelope, respondToError } from "./errors";
import { refuseCrossSite } from "./middleware/cross-site";
import { database } from "./middleware/database";
import { emailSender } from "./middleware/email";
import { securityHeaders } from "./middleware/security-headers";
import { authRoutes } from "./routes/auth";
import { benchProbeRoutes } from "./routes/bench-probes";
import { boardRoutes } from "./routes/board";
import { bookingRoutes } from "./routes/bookings";
import { consoleRoutes } from "./routes/console";
import { customerJobRoutes } from "./routes/customer-jobs";
import { devOutboxRoutes } from "./routes/dev-outbox";
import { hashedAssetRoutes } from "./routes/hashed-assets";
import { healthRoutes } from "./routes/health";
import { jobLiveRoutes } from "./routes/job-live";
import { mediaRoutes } from "./routes/media";
import { createRouter } from "./routes/router";
import { technicianJobRoutes } from "./routes/technician-jobs";
import { tenantBrandingRoutes } from "./routes/tenant-branding";
import { trackingRoutes } from "./routes/tracking";

const app = createRouter();

app.use("*", securityHeaders);
app.use("/api/*", refuseCrossSite, database, emailSender);
app.use("/dev/*", database);

app.route("/", healthRoutes);
app.route("/", tenantBrandingRoutes);
app.route("/", authRoutes("c"));
app.route("/", authRoutes("d"));
app.route("/", authRoutes("t"));
app.route("/", bookingRoutes);
app.route("/", customerJobRoutes);
app.route("/", boardRoutes);
app.route("/", consoleRoutes);
app.route("/", mediaRoutes);
app.route("/", technicianJobRoutes);
app.route("/", jobLiveRoutes);
app.route("/", trackingRoutes);
app.route("/", devOutboxRoutes);
app.route("/", benchProbeRoutes);
app.route("/", hashedAssetRoutes);

app.doc31("/api/openapi.json", {
	openapi: "3.1.0",
	info: {
		title: "fleet-portal API",
		version: "1.0.0",
		description: "Customer portal for small dispatch fleets.",
	},
});

app.notFound((c) => c.json(errorEnvelope("not_found", "There is nothing at this address."), 404));
app.onError(respondToError);

export default app;
export { JobRelay } from "./durable-objects/job-relay";
export { TenantGate } from "./durable-objects/tenant-gate";

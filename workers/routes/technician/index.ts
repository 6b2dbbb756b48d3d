import { accessLiveRoutes } from "../access-live";
import { audienceRouter } from "../router";
import { signInRoutes } from "../sign-in";
import { technicianCompletionRoutes } from "./completion";
import { technicianJobRoutes } from "./jobs";

/** `/api/t/:slug`: the technician app. Every route but sign-in needs a technician session. */
export const technicianRoutes = audienceRouter("technician")
	.route("/", signInRoutes("technician"))
	.route("/", accessLiveRoutes("technician"))
	.route("/", technicianJobRoutes)
	.route("/", technicianCompletionRoutes);

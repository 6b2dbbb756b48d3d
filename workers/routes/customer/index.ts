import { enforceCustomerRules } from "../../middleware/customer";
import { accessLiveRoutes } from "../access-live";
import { audienceRouter } from "../router";
import { signInRoutes } from "../sign-in";
import { customerAccountRoutes } from "./account";
import { bookingRoutes } from "./bookings";
import { customerDocumentRoutes } from "./documents";
import { customerEstimateRoutes } from "./estimates";
import { invoiceCheckoutRoutes } from "./invoice-checkout";
import { customerInvoiceRoutes } from "./invoices";
import { customerJobChangeRoutes } from "./job-changes";
import { customerJobNoteRoutes } from "./job-notes";
import { customerJobRoutes } from "./jobs";
import { customerLiveRoutes } from "./live";
import { customerPreferenceRoutes } from "./preferences";
import { customerQuoteRequestRoutes } from "./quote-requests";
import { customerRecurringRoutes } from "./recurring";
import { customerSurveyRoutes } from "./surveys";

/** `/api/c/:slug`: the customer portal. Every route but sign-in needs a customer session. */
export const customerRoutes = audienceRouter("customer")
	.use("*", enforceCustomerRules)
	.route("/", signInRoutes("customer"))
	.route("/", accessLiveRoutes("customer"))
	.route("/", bookingRoutes)
	.route("/", customerJobRoutes)
	.route("/", customerJobNoteRoutes)
	.route("/", customerJobChangeRoutes)
	.route("/", customerSurveyRoutes)
	.route("/", customerLiveRoutes)
	.route("/", customerEstimateRoutes)
	.route("/", customerInvoiceRoutes)
	.route("/", invoiceCheckoutRoutes)
	.route("/", customerQuoteRequestRoutes)
	.route("/", customerRecurringRoutes)
	.route("/", customerAccountRoutes)
	.route("/", customerPreferenceRoutes)
	.route("/", customerDocumentRoutes);

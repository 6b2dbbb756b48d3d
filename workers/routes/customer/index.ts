import { audienceRouter } from "../router";
import { signInRoutes } from "../sign-in";
import { bookingRoutes } from "./bookings";
import { customerDocumentRoutes } from "./documents";
import { customerEstimateRoutes } from "./estimates";
import { invoiceCheckoutRoutes } from "./invoice-checkout";
import { customerInvoiceRoutes } from "./invoices";
import { customerJobChangeRoutes } from "./job-changes";
import { customerJobNoteRoutes } from "./job-notes";
import { customerJobRoutes } from "./jobs";
import { customerLiveRoutes } from "./live";
import { customerQuoteRequestRoutes } from "./quote-requests";

/** `/api/c/:slug`: the customer portal. Every route but sign-in needs a customer session. */
export const customerRoutes = audienceRouter("customer")
	.route("/", signInRoutes("customer"))
	.route("/", bookingRoutes)
	.route("/", customerJobRoutes)
	.route("/", customerJobNoteRoutes)
	.route("/", customerJobChangeRoutes)
	.route("/", customerLiveRoutes)
	.route("/", customerEstimateRoutes)
	.route("/", customerInvoiceRoutes)
	.route("/", invoiceCheckoutRoutes)
	.route("/", customerQuoteRequestRoutes)
	.route("/", customerDocumentRoutes);

/**
 * The values of invoices and payments. They import nothing, so the web app can name them without
 * bundling the tables.
 */

/**
 * What people see; never stored. `void` once voided, `draft` until shared (console only), then
 * `paid`, `overdue`, `partially_paid` or `open` as the payments and the due date make it.
 */
export const invoiceStatuses = ["draft", "open", "partially_paid", "paid", "overdue", "void"] as const;
export type InvoiceStatus = (typeof invoiceStatuses)[number];

/** How a payment was made: the first two online, the rest recorded by a dispatcher. */
export const paymentMethods = ["card", "bank_debit", "cheque", "bank_transfer", "cash", "other"] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

/** The methods a dispatcher records by hand. */
export const offlinePaymentMethods = ["cheque", "bank_transfer", "cash", "other"] as const;
export type OfflinePaymentMethod = (typeof offlinePaymentMethods)[number];

/** The methods a tenant may offer online. */
export const onlinePaymentMethods = ["card", "bank_debit"] as const;
export type OnlinePaymentMethod = (typeof onlinePaymentMethods)[number];

/** Who took the money: Stripe, the local development provider, or the dispatcher's own record. */
export const paymentProviders = ["stripe", "local", "offline"] as const;
export type PaymentProvider = (typeof paymentProviders)[number];

export const checkoutStatuses = ["creating", "open", "paid", "failed", "expired"] as const;
export type CheckoutStatus = (typeof checkoutStatuses)[number];

/** What became of one provider event: each is applied at most once. */
export const paymentEventOutcomes = ["applied", "ignored", "rejected"] as const;
export type PaymentEventOutcome = (typeof paymentEventOutcomes)[number];

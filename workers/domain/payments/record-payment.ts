import { and, eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import {
	invoices,
	type PaymentMethod,
	type PaymentProvider,
	payments,
} from "../../../schema/tables/invoices";
import type { Db } from "../../db";
import { newId } from "../ids";

export type NewPayment = {
	tenantId: string;
	invoiceId: string;
	amountMinor: number;
	currency: string;
	method: PaymentMethod;
	provider: PaymentProvider;
	providerRef: string | null;
	checkoutId: string | null;
	receivedAt: number;
	recordedBy: string | null;
};

/** The statements recording one payment: the row, and the invoice's paid sum in the same batch. */
export function recordPaymentStatements(
	db: Db,
	p: NewPayment,
): { paymentId: string; statements: BatchItem<"sqlite">[] } {
	const paymentId = newId("pay");
	return {
		paymentId,
		statements: [
			db.insert(payments).values({ id: paymentId, ...p }),
			db
				.update(invoices)
				.set({ paidMinor: sql`${invoices.paidMinor} + ${p.amountMinor}`, updatedAt: p.receivedAt })
				.where(and(eq(invoices.tenantId, p.tenantId), eq(invoices.id, p.invoiceId))),
		],
	};
}

import type { z } from "zod";
import type { EstimateStatus } from "../../../../schema/estimate-values";
import type {
	BookingDraftSchema,
	ChangeSummary,
	CustomerEstimate,
	EstimateCommentSchema,
	EstimateLineSchema,
	EstimateListItemSchema,
	EstimatePageSchema,
	EstimateVersionSchema,
	QuoteRequestPageSchema,
	QuoteRequestSchema,
	StaffEstimate,
} from "../../../../workers/contracts/estimates";

/** The estimate answers of both APIs, as the server's schemas declare them. */

export type { ChangeSummary, CustomerEstimate, EstimateStatus, StaffEstimate };
export type EstimateLine = z.infer<typeof EstimateLineSchema>;
export type EstimateVersion = z.infer<typeof EstimateVersionSchema>;
export type EstimateComment = z.infer<typeof EstimateCommentSchema>;
export type EstimateListItem = z.infer<typeof EstimateListItemSchema>;
export type EstimatePage = z.infer<typeof EstimatePageSchema>;
export type QuoteRequest = z.infer<typeof QuoteRequestSchema>;
export type QuoteRequestPage = z.infer<typeof QuoteRequestPageSchema>;
export type BookingDraftAnswer = z.infer<typeof BookingDraftSchema>;

/** What the portal's and the console's estimate share: enough for the lines, totals and thread. */
export type AnyEstimate = CustomerEstimate | StaffEstimate;

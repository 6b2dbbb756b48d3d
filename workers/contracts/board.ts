import { z } from "@hono/zod-openapi";
import { type BoardJob, type BoardSchemaKit, boardSchemas, type PositionFix } from "./live-messages";

// The live contract's board schemas again, in classic zod: the OpenAPI generator reads only its
// schemas. Classic zod takes every call `boardSchemas` makes (it is written in the calls both share).
const documented = boardSchemas(z as unknown as BoardSchemaKit) as unknown as {
	BoardJob: z.ZodType<BoardJob>;
	PositionFix: z.ZodType<PositionFix>;
};
/** A job as the board shows it, for the API's document. */
export const BoardJobSchema = documented.BoardJob;

export const BoardTechnicianSchema = z.object({
	id: z.string(),
	name: z.string(),
	photoUrl: z.string().nullable(),
});

/** A technician's latest position and the job they report it for. */
export const TechnicianPositionSchema = z.object({
	technicianId: z.string(),
	jobId: z.string(),
	position: documented.PositionFix,
});

/** The dispatcher's board (`GET /api/d/:slug/board`); `seq` is where its live feed picks up. */
export const BoardSchema = z
	.object({
		jobs: z.array(BoardJobSchema),
		technicians: z.array(BoardTechnicianSchema),
		positions: z.array(TechnicianPositionSchema),
		unreadAlerts: z.number().int(),
		seq: z.number().int(),
	})
	.openapi("Board");

import { z } from "@hono/zod-openapi";
import { BoardJob, PositionFix } from "./live-messages";

export const BoardTechnicianSchema = z.object({
	id: z.string(),
	name: z.string(),
	photoUrl: z.string().nullable(),
});

/** A technician's latest position and the job they report it for. */
export const TechnicianPositionSchema = z.object({
	technicianId: z.string(),
	jobId: z.string(),
	position: PositionFix,
});

/** The dispatcher's board (`GET /api/d/:slug/board`); `seq` is where its live feed picks up. */
export const BoardSchema = z
	.object({
		jobs: z.array(BoardJob),
		technicians: z.array(BoardTechnicianSchema),
		positions: z.array(TechnicianPositionSchema),
		unreadAlerts: z.number().int(),
		seq: z.number().int(),
	})
	.openapi("Board");

import { and, eq } from "drizzle-orm";
import { jobPhotos } from "../../../schema/tables/jobs";
import type { Db } from "../../db";

/** Where one photo of a job of the tenant is kept, and its type; undefined for any other. */
export async function findJobPhoto(
	db: Db,
	tenantId: string,
	jobId: string,
	photoId: string,
): Promise<{ key: string; type: string } | undefined> {
	return db
		.select({ key: jobPhotos.objectKey, type: jobPhotos.contentType })
		.from(jobPhotos)
		.where(and(eq(jobPhotos.tenantId, tenantId), eq(jobPhotos.jobId, jobId), eq(jobPhotos.id, photoId)))
		.get();
}

import type { z } from "zod";
import type { JobDetailSchema } from "../../../workers/contracts/customer";
import { t } from "./i18n/i18n";
import { formatWindow } from "./tenantTime";

type Job = Pick<
	z.infer<typeof JobDetailSchema>,
	"kind" | "windowStart" | "windowEnd" | "description" | "packageDescription" | "reference"
>;

type Props = {
	job: Job;
	timeZone: string;
	/** What a service call's description is called where it is shown. */
	workLabel: string;
};

/** A job's window, what it carries or needs doing, and its reference: the entries of a facts list that are set. */
export function JobFacts({ job, timeZone, workLabel }: Props) {
	const window = formatWindow(job.windowStart, job.windowEnd, timeZone);
	const what = job.kind === "service_call" ? job.description : job.packageDescription;
	return (
		<>
			{window ? (
				<>
					<dt>{t("job.window")}</dt>
					<dd>{window}</dd>
				</>
			) : null}
			{what ? (
				<>
					<dt>{job.kind === "service_call" ? workLabel : t("job.package")}</dt>
					<dd>{what}</dd>
				</>
			) : null}
			{job.reference ? (
				<>
					<dt>{t("job.reference")}</dt>
					<dd>{job.reference}</dd>
				</>
			) : null}
		</>
	);
}

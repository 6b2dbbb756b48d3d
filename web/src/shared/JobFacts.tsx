import { formatWindow } from "./tenantTime";

type Job = {
	kind: "pickup_delivery" | "service_call";
	windowStart: string | null;
	windowEnd: string | null;
	description: string | null;
	packageDescription: string | null;
	reference: string | null;
};

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
					<dt>Window</dt>
					<dd>{window}</dd>
				</>
			) : null}
			{what ? (
				<>
					<dt>{job.kind === "service_call" ? workLabel : "Package"}</dt>
					<dd>{what}</dd>
				</>
			) : null}
			{job.reference ? (
				<>
					<dt>Reference</dt>
					<dd>{job.reference}</dd>
				</>
			) : null}
		</>
	);
}

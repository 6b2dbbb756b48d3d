import { useState } from "preact/hooks";
import { ApiError } from "../shared/api";

/** What a failed request says: the message of `field`'s issue if it has one, else the error's own. */
export function failureMessage(err: unknown, field?: string): string {
	if (!(err instanceof ApiError)) return "Something went wrong. Please try again.";
	return (field === undefined ? undefined : err.fieldMessage(field)) ?? err.message;
}

/**
 * One request that a button or a one-control form sends: `pending` while it runs, its failure
 * in `error` (the message of `field`'s issue when the server names it).
 */
export function useStaffAction(field?: string) {
	const [pending, setPending] = useState(false);
	const [error, setError] = useState<string>();

	async function run(action: () => Promise<void>) {
		setPending(true);
		setError(undefined);
		try {
			await action();
		} catch (err) {
			setError(failureMessage(err, field));
		} finally {
			setPending(false);
		}
	}

	return { pending, error, setError, run };
}

/** A request's failure, announced where it happened; `id` lets the control name it. */
export function ActionError({ id, error }: { id?: string; error: string | undefined }) {
	if (!error) return null;
	return (
		<p id={id} class="field-error" role="alert">
			{error}
		</p>
	);
}

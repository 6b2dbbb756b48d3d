import type { RefObject } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "./api";
import { errorText } from "./i18n/errors";

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/**
 * An API error split into messages beside the form's fields and one for the whole form.
 * `fieldFor` says which field an issue's dotted `field` belongs to; issues it cannot place,
 * and errors without issues, become the form's message.
 */
function fieldErrors<F extends string>(
	err: unknown,
	fieldFor: (issueField: string) => F | undefined,
): { fields: FieldErrors<F>; form?: string } {
	if (!(err instanceof ApiError)) return { fields: {}, form: errorText(err) };
	const fields: FieldErrors<F> = {};
	const unplaced: string[] = [];
	for (const issue of err.issues) {
		const field = fieldFor(issue.field);
		if (field === undefined) unplaced.push(issue.message);
		else fields[field] ??= issue.message;
	}
	if (unplaced.length) return { fields, form: unplaced.join(" ") };
	return Object.keys(fields).length ? { fields } : { fields, form: errorText(err) };
}

export type ApiForm<F extends string> = {
	/** Put on the <form>: the first invalid control inside it takes focus when errors appear. */
	formRef: RefObject<HTMLFormElement | null>;
	submitting: boolean;
	errors: FieldErrors<F>;
	formError: string | undefined;
	/** Shows messages beside fields (and optionally for the form) and focuses the first invalid field. */
	showErrors: (errors: FieldErrors<F>, formError?: string) => void;
	/** Shows a failure that came another way than `submit` (a send from the outbox) as `submit` would. */
	showFailure: (err: unknown) => void;
	/**
	 * Runs one submission: at most one at a time (a double click sends once), `submitting`
	 * while it runs. A failure the caller's `onError` does not handle (returns false) is shown
	 * beside its fields or for the whole form.
	 */
	submit: (action: () => Promise<void>, onError?: (err: unknown) => boolean) => Promise<void>;
};

/** The submit/field-error pattern every form shares. */
export function useApiForm<F extends string>(fieldFor: (issueField: string) => F | undefined): ApiForm<F> {
	const formRef = useRef<HTMLFormElement>(null);
	const busy = useRef(false);
	const [submitting, setSubmitting] = useState(false);
	const [errors, setErrors] = useState<FieldErrors<F>>({});
	const [formError, setFormError] = useState<string>();
	const [focusRequest, setFocusRequest] = useState(0);

	useEffect(() => {
		if (focusRequest === 0) return;
		formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
	}, [focusRequest]);

	function showErrors(next: FieldErrors<F>, nextFormError?: string) {
		setErrors(next);
		setFormError(nextFormError);
		if (Object.keys(next).length) setFocusRequest((n) => n + 1);
	}

	function showFailure(err: unknown) {
		const { fields, form } = fieldErrors(err, fieldFor);
		showErrors(fields, form);
	}

	async function submit(action: () => Promise<void>, onError?: (err: unknown) => boolean) {
		if (busy.current) return;
		busy.current = true;
		setSubmitting(true);
		setErrors({});
		setFormError(undefined);
		try {
			await action();
		} catch (err) {
			if (!onError?.(err)) showFailure(err);
		} finally {
			busy.current = false;
			setSubmitting(false);
		}
	}

	return {
		formRef,
		submitting,
		errors,
		formError,
		showErrors,
		showFailure,
		submit,
	};
}

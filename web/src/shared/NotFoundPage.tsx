type Props = { title?: string; message?: string };

export function NotFoundPage({
	title = "Page not found",
	message = "There is nothing at this address. Check the link you were sent, or ask your provider for the right one.",
}: Props) {
	return (
		<main class="page narrow not-found">
			<h1>{title}</h1>
			<p>{message}</p>
		</main>
	);
}

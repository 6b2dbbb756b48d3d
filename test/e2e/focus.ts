import { errors, type Locator } from "playwright-core";

/**
 * Whether the element has focus, or gains it within `timeoutMs`. A screen moves focus in an
 * effect that runs after it renders, so a check made the moment the element appears can come
 * before the move; a focus that never arrives still reads false.
 */
export async function gainsFocus(locator: Locator, timeoutMs = 2_000): Promise<boolean> {
	const element = await locator.elementHandle({ timeout: timeoutMs });
	try {
		await locator
			.page()
			.waitForFunction((el) => el === document.activeElement, element, { timeout: timeoutMs });
		return true;
	} catch (error) {
		if (error instanceof errors.TimeoutError) return false;
		throw error;
	} finally {
		await element.dispose();
	}
}

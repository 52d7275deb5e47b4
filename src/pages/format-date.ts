/** Datelines for people: an RFC 3339 timestamp shown in its own offset, as the seed wrote it. */
import { MONTH_NAMES } from "../content/dateline";

/**
 * @example formatDateline("2024-08-28T09:04:00-04:00") // "August 28, 2024, 9:04 am"
 * @example formatDateline("2024-08-28T00:05:00+00:00") // "August 28, 2024, 12:05 am"
 */
export function formatDateline(timestamp: string): string {
  const [, year, month, day, hour, minute] = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(timestamp) ?? [];
  const hour24 = Number(hour);
  const hour12 = hour24 % 12 === 0 ? 12 : hour24 % 12;
  const meridiem = hour24 < 12 ? "am" : "pm";
  return `${MONTH_NAMES[Number(month) - 1]} ${Number(day)}, ${year}, ${hour12}:${minute} ${meridiem}`;
}

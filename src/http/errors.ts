import type { Context, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { YearNotCoveredError } from '../core/calendar/bank-holidays.ts';
import { InvalidDayError } from '../core/calendar/london-date.ts';
import { errorFields } from '../adapters/logging/error-fields.ts';
import { InvalidRecordError, RecordTooLargeError } from '../adapters/dynamodb/redress-store.ts';
import type { Logger } from '../ports.ts';

/**
 * The app's last word on an error a route did not handle: a fault the caller caused gets a clear 4xx; anything else
 * is one structured log line (name and masked message, never a stack or a resident's words) and a plain 500.
 */
export function answerErrors(logger: Logger): ErrorHandler {
  return (error: Error, c: Context) => {
    if (error instanceof HTTPException) return error.getResponse();
    if (error instanceof YearNotCoveredError) {
      return c.json({ error: `that date falls outside the years the working-day calendar covers: ${error.message}` }, 422);
    }
    if (error instanceof InvalidDayError) return c.json({ error: error.message }, 400);
    if (error instanceof RecordTooLargeError) return c.json({ error: 'too much to keep on one record: shorten the text' }, 413);
    if (error instanceof InvalidRecordError) return c.json({ error: 'that would make a record that cannot be read back', problems: error.problems }, 422);
    logger.error('request failed', { ...errorFields(error), method: c.req.method, route: c.req.routePath });
    return c.json({ error: 'something went wrong on our side: it has been logged' }, 500);
  };
}

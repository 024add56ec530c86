import { Logger } from '@aws-lambda-powertools/logger';
import type { Logger as LoggerPort } from '../../ports.ts';

/** The Logger port on Powertools: one JSON line per decision, on Lambda and locally. */
export function powertoolsLogger(options: { serviceName?: string; logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT' } = {}): LoggerPort {
  const logger = new Logger({ serviceName: options.serviceName ?? 'redress', ...(options.logLevel ? { logLevel: options.logLevel } : {}) });
  return {
    info: (message, fields) => (fields ? logger.info(message, { ...fields }) : logger.info(message)),
    warn: (message, fields) => (fields ? logger.warn(message, { ...fields }) : logger.warn(message)),
    error: (message, fields) => (fields ? logger.error(message, { ...fields }) : logger.error(message)),
  };
}

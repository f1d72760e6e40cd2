import type { FastifyReply } from 'fastify';

/**
 * The stand-in's error catalogue: every error body is `{ error: <stable code>, message, parameter? }`, so the
 * gateway's connector can map upstream failures by code (as @apollo/datasource-rest maps 401/404) instead of
 * parsing messages. Messages name the offending parameter, never echo a value back.
 */
export const ERROR_CODES = {
  INVALID_PARAMETER: 400,
  /** A 4xx that is not about one parameter (e.g. an unparseable request line); comes from Fastify itself. */
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ErrorBody {
  error: ErrorCode;
  message: string;
  /** The query or path parameter that was rejected (400 only). */
  parameter?: string;
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly parameter: string | undefined;

  constructor(code: ErrorCode, message: string, parameter?: string) {
    super(message);
    this.code = code;
    this.parameter = parameter;
  }

  get statusCode(): number {
    return ERROR_CODES[this.code];
  }

  toBody(): ErrorBody {
    return this.parameter === undefined ? { error: this.code, message: this.message } : { error: this.code, message: this.message, parameter: this.parameter };
  }
}

export function invalidParameter(parameter: string, rule: string): ApiError {
  return new ApiError('INVALID_PARAMETER', `query or path parameter '${parameter}' is invalid: ${rule}`, parameter);
}

export function sendError(reply: FastifyReply, err: ApiError): FastifyReply {
  return reply.code(err.statusCode).type('application/json; charset=utf-8').send(err.toBody());
}

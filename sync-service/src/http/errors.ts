/**
 * Errors a route throws to answer a 4xx (or a 503) with a message that says what was wrong and how
 * to fix it. Anything else that escapes a route is a 500 whose details stay in the log.
 */
export class ApiError extends Error {
    readonly statusCode: number;
    constructor(statusCode: number, message: string) {
        super(message);
        this.statusCode = statusCode;
        this.name = 'ApiError';
    }
}

export const notFound = (message: string) => new ApiError(404, message);
export const conflict = (message: string) => new ApiError(409, message);
export const badRequest = (message: string) => new ApiError(400, message);
export const unavailable = (message: string) => new ApiError(503, message);

/** What Bull Board answers when one of its routes fails. */
export interface AdminErrorResponse {
  status: number;
  body: { error: string; message: string };
}

/**
 * Bull Board's own handler adds the stack trace to every error when NODE_ENV is
 * development, including the 401 of a missing or wrong password: anyone reaching the
 * port would read source paths. Ours keeps the status and, below 500, the message; a
 * server error says only that it happened (the details are in the log).
 */
export function adminErrorResponse(
  error: Error & { statusCode?: number },
): AdminErrorResponse {
  const status =
    typeof error.statusCode === 'number' && error.statusCode >= 400
      ? error.statusCode
      : 500;
  if (status >= 500)
    return {
      status,
      body: {
        error: 'Internal server error',
        message: 'The queue dashboard met an error.',
      },
    };
  const message =
    status === 401
      ? 'Authentication required.'
      : error.message.split('\n')[0].slice(0, 200);
  return {
    status,
    body: { error: status === 401 ? 'Unauthorized' : 'Request refused', message },
  };
}

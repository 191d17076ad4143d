// Every test process starts from a quiet, known environment.
process.env.LOG_LEVEL ??= 'silent';
process.env.NODE_ENV ??= 'test';

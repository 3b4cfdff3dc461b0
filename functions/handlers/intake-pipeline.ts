// Lambda entry point; implemented in a later commit of this series.
export const handler = async (): Promise<void> => {
  throw new Error('intake-pipeline: not implemented yet');
};

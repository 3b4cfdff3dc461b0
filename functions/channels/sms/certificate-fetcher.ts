/** Port: downloads the PEM certificate SNS names in SigningCertURL. */
export interface CertificateFetcher {
  fetchPem(url: string): Promise<string>;
}

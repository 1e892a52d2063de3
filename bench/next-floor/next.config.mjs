// A minimal Next app of the web app's Next version, for the benchmark's web-tier floor rows.
export default { poweredByHeader: false };

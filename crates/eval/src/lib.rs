//! Gold loading and scoring (filled in by issue 7).

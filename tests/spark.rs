//! (issue 9: to be written)

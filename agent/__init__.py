"""mlsd-interviewer: a mock interviewer for ML system design interviews."""

__version__ = "0.1.0"

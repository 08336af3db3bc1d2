"""Errors that reach the user as one clear line naming the file and the problem."""


class UserError(Exception):
    """An error caused by the user's input: the CLI prints it without a traceback."""


class IngestError(UserError):
    """An article file that cannot be read as text (binary, empty, vanished...)."""

    def __init__(self, path: object, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class NotAnArticle(IngestError):
    """A `.txt` file that is no article (a list of links, no prose): ignored with one line, not a failure."""

import GRDB

/// The optional `user = ?` condition of a query scoped to one user, or to all users when the user is nil.
///
/// The two cases produce different SQL texts, so each gets its own cached statement and SQLite can use
/// the user index when a user is given.
struct UserFilter {
    /// The user to match, or nil for every user.
    let user: String?

    /// `" AND user = ?"`, or nothing for all users.
    var sql: String { user == nil ? "" : " AND user = ?" }

    /// The argument bound to ``sql``'s placeholder, if any.
    var arguments: StatementArguments { user.map { [$0] } ?? [] }
}

import ArgumentParser
import Foundation
import Notebook

extension Folio {
    /// `folio grade`: score submissions against a key chapter.
    struct Grade: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "grade",
            abstract: "Grade students' chapters against a key: partial credit, sandboxed runs, a CSV gradebook, feedback pages.",
            discussion: """
            Each submission is a student edition (`folio release`) with the exercise cells filled in. \
            Only the code of its exercise cells (matched by id=) is taken; it is put into the key, so \
            that every test, visible or hidden, is the key's. A check belongs to the exercise cell \
            nearest before it; checks before the first exercise need no solution (column `setup`). \
            When a cell crashes, runs out of time or does not compile, the exercise it belongs to keeps \
            only what it had passed, and the chapter runs again with the key's code for that exercise, \
            so the exercises after it are still scored.

            Sandbox (--sandbox, default the strongest this system allows): `full` (as root) and \
            `user-namespace` run the program with no network (even 127.0.0.1 is unreachable), every \
            file system read-only except a scratch working folder, and no capabilities; \
            `limits-only` gives just the limits and the folder. Every level limits the address \
            space (--memory) and the size of written files, and --time-limit bounds each run. Not \
            isolated: what the program may read, and the machine's processes (no PID namespace).

            A submission that does not parse or lacks one of the key's exercise ids scores zero with \
            the reason in the `note` column, and grading goes on.

            Exit status: 0 every submission graded; 1 the key fails its own checks; 2 bad usage or a \
            malformed key (file:line).

            Examples:
              folio grade --key chapters/01-batch-normalization.md submissions/*/01-*.md \\
                  --csv grades.csv --feedback feedback/
              folio grade --key key.md subs/*.md --jobs 2 --shard 1/3 --time-limit 120 --csv part1.csv
            """)

        @Option(help: ArgumentHelp("The key chapter: solutions and hidden tests.", valueName: "chapter"))
        var key: String

        @Argument(help: "The submitted chapters.")
        var submissions: [String]

        @Option(help: ArgumentHelp("Write the gradebook here (CSV: submission, points per part, total, maximum, seconds, note).", valueName: "file"))
        var csv: String?

        @Option(help: ArgumentHelp("Write one HTML feedback page per submission into this folder.", valueName: "dir"))
        var feedback: String?

        @Option(help: "Submissions graded at the same time.")
        var jobs: Int = 1

        @Option(help: ArgumentHelp("Grade only the I-th of N disjoint parts of the submissions (sorted paths dealt round-robin).", valueName: "I/N"))
        var shard: String?

        @Option(name: .customLong("time-limit"), help: ArgumentHelp("Seconds for each run of the chapter (default: the key's timeout).", valueName: "seconds"))
        var timeLimit: Double?

        @Option(help: ArgumentHelp("The largest address space of a submission's program, in MiB.", valueName: "MiB"))
        var memory: Int = GradingSandbox.Limits().memoryMiB

        @Option(help: ArgumentHelp("full, user-namespace or limits-only (default: the strongest available).", valueName: "level"))
        var sandbox: String?

        func validate() throws {
            guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
            if let timeLimit, !(timeLimit > 0 && timeLimit.isFinite) { throw ValidationError("--time-limit must be a positive number of seconds") }
            guard memory >= 64 else { throw ValidationError("--memory must be at least 64 (MiB)") }
            _ = try selectedSubmissions()
            if let sandbox, GradingSandbox.Level(rawValue: sandbox) == nil {
                throw ValidationError("--sandbox '\(sandbox)' is none of \(GradingSandbox.Level.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }

        func run() throws {
            let level = try sandboxLevel()
            let grading = try prepare(level: level)
            defer { grading.finish() }
            let selected = try selectedSubmissions()
            let exercises = grading.key.exercises.count
            print("key \(key): \(exercises) exercise\(exercises == 1 ? "" : "s"), \(Gradebook.format(grading.key.maximum)) points "
                  + "(\(Gradebook.format(grading.key.pointsWithoutSolution)) need no solution); sandbox \(level)")
            if let feedback { try Folders.create(feedback) }
            var grades: [SubmissionGrade] = []
            grading.grade(selected, jobs: jobs) { grade in
                grades.append(grade)
                print(summary(of: grade))
                fflush(stdout)
                if let feedback {
                    let page = (feedback as NSString).appendingPathComponent(BookGrade.feedbackFileName(for: grade.submission))
                    do { try AtomicFile.write(FeedbackPage.html(grade, key: grading.key), to: page) } catch { Terminal.printError("error: \(error)") }
                }
            }
            if let csv { try AtomicFile.write(Gradebook.csv(grades, key: grading.key), to: csv) }
            print("\(grades.count) submission\(grades.count == 1 ? "" : "s") graded")
        }

        /// The submissions of this `--shard` (all without one); a malformed shard is a usage error.
        func selectedSubmissions() throws -> [String] {
            guard let shard else { return submissions }
            do {
                let part = try ChapterShard.parse(shard)
                return ChapterShard(index: part.index, count: part.count).select(submissions)
            } catch {
                throw ValidationError(error.description)
            }
        }

        /// The level asked for, or the strongest available; one that does not work here is a usage error.
        func sandboxLevel() throws -> GradingSandbox.Level {
            guard let sandbox, let level = GradingSandbox.Level(rawValue: sandbox) else { return GradingSandbox.strongestAvailable() }
            guard GradingSandbox.works(level) else {
                Terminal.printError("error: the sandbox level '\(level)' cannot be set up on this system (try --sandbox limits-only)")
                throw ExitCode(FolioExit.badInput)
            }
            return level
        }

        func prepare(level: GradingSandbox.Level) throws -> BookGrade {
            do {
                let toolchain = try Toolchain.locate()
                return try BookGrade.prepare(keyPath: key, toolchain: toolchain,
                                             sandbox: GradingSandbox(level: level, limits: .init(memoryMiB: memory)), timeLimit: timeLimit)
            } catch let error as GradeError {
                Terminal.printError("error: \(error)")
                if case .keyFails = error { throw ExitCode(FolioExit.failedChecks) }
                throw ExitCode(FolioExit.badInput)
            } catch {
                Terminal.printError("error: \(error)")
                throw ExitCode(FolioExit.badInput)
            }
        }

        /// `alice.md  7.5/10  square 2/2, cube 0/3 (crashed)  4.2 s`
        func summary(of grade: SubmissionGrade) -> String {
            let parts = grade.parts.map { part in
                "\(part.exercise ?? "setup") \(Gradebook.format(part.points))/\(Gradebook.format(part.maximum))" + (part.failure == nil ? "" : " (broke)")
            }.joined(separator: ", ")
            let note = grade.problem.map { "  zero: \($0)" } ?? ""
            return "\(grade.submission)  \(Gradebook.format(grade.total))/\(Gradebook.format(grade.maximum))  \(parts)  \(String(format: "%.1f", grade.seconds)) s\(note)"
        }
    }
}

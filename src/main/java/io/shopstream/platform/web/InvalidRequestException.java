package io.shopstream.platform.web;

import java.util.List;

/** Bad input: answered with 400 and every invalid field listed. */
public class InvalidRequestException extends RuntimeException {

	private final List<FieldProblem> problems;

	private InvalidRequestException(String detail, List<FieldProblem> problems) {
		super(detail);
		this.problems = List.copyOf(problems);
	}

	/** The request as a whole is wrong, in the words of {@code detail}, with these fields listed. */
	public static InvalidRequestException of(String detail, List<FieldProblem> problems) {
		return new InvalidRequestException(detail, problems);
	}

	/** One field of the request is wrong: its name and what it must be. */
	public static InvalidRequestException forField(String field, String message) {
		return new InvalidRequestException("The request is invalid", List.of(new FieldProblem(field, message)));
	}

	public List<FieldProblem> problems() {
		return this.problems;
	}

}

package io.shopstream.platform.web;

import java.util.List;

/** Bad input: answered with 400 and every invalid field listed. */
public class InvalidRequestException extends RuntimeException {

	private final List<FieldProblem> problems;

	public InvalidRequestException(String detail, List<FieldProblem> problems) {
		super(detail);
		this.problems = List.copyOf(problems);
	}

	public InvalidRequestException(String field, String message) {
		this("The request is invalid", List.of(new FieldProblem(field, message)));
	}

	public List<FieldProblem> problems() {
		return this.problems;
	}

}
